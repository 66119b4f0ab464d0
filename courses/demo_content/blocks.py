"""Small builders for lesson bodies in the raw StreamField format of LessonStreamBlock.

Each function returns one block as ``{"type": ..., "value": ...}``; a lesson body is
a list of them. Rich text is Wagtail's stored HTML (<p>, <b>, <i>, <ul>, <ol>).

Quotation rule for the demo texts: ``quote()`` is used only for wording that
DOMAIN.md records as seen verbatim or near-verbatim (or that is in the 2022 plan's
full text). Everything else is teaching prose that paraphrases and cites.
"""

LAW_73 = "Luật Bình đẳng giới số 73/2006/QH11"
ND_70 = "Nghị định số 70/2008/NĐ-CP"
ND_48 = "Nghị định số 48/2009/NĐ-CP"
ND_125 = "Nghị định số 125/2021/NĐ-CP"
NQ_28 = "Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ"
KH_2022 = (
    "Kế hoạch thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ "
    "trên địa bàn tỉnh Quảng Ngãi năm 2022 (UBND tỉnh Quảng Ngãi)"
)


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def para(html: str) -> dict:
    """A rich-text block; plain text without tags is wrapped in one <p>."""
    html = html.strip()
    if not html.startswith("<"):
        html = f"<p>{html}</p>"
    return {"type": "paragraph", "value": html}


def bullets(*items: str, ordered: bool = False) -> dict:
    tag = "ol" if ordered else "ul"
    lis = "".join(f"<li>{item}</li>" for item in items)
    return {"type": "paragraph", "value": f"<{tag}>{lis}</{tag}>"}


def quote(text: str, article: str, act: str = LAW_73) -> dict:
    return {
        "type": "law_quotation",
        "value": {"text": text, "article": article, "act": act},
    }


def callout(html: str, kind: str = "note") -> dict:
    html = html.strip()
    if not html.startswith("<"):
        html = f"<p>{html}</p>"
    return {"type": "callout", "value": {"kind": kind, "text": html}}


def faq(*pairs: tuple[str, str]) -> dict:
    """An accordion of (question, answer) pairs; answers may be plain text."""
    items = []
    for question, answer in pairs:
        answer = answer.strip()
        if not answer.startswith("<"):
            answer = f"<p>{answer}</p>"
        items.append({"question": question, "answer": answer})
    return {"type": "accordion", "value": {"items": items}}


def table(rows: list[list[str]], caption: str = "", header_col: bool = False) -> dict:
    """A table whose first row is the header row."""
    return {
        "type": "table",
        "value": {
            "data": rows,
            "first_row_is_table_header": True,
            "first_col_is_header": header_col,
            "table_caption": caption,
        },
    }


def reflection(question: str, hint: str = "") -> dict:
    return {"type": "reflection", "value": {"question": question, "hint": hint}}
