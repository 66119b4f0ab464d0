"""The XSS sweep's corpus and its HTML-level judge (issue 13).

The corpus is generated here from families (script tags, event handlers, URL
schemes, SVG/MathML, attribute breaking, template/style/meta/base tricks,
encodings, invisible and combining characters, CSS, polyglots). Every payload
carries its own number: what it would run calls ``__xss(N)`` (the browser test
defines that function and fails if it is ever called) or, for the dialog
families, ``alert(N)`` / ``confirm(N)`` / ``prompt(N)``. Whatever is executable in
a payload also contains the letters "xss" or one of those dialog names, which is
what `executable_markup` looks for.

`executable_markup(html)` parses a page with the standard library's HTML parser
(entities decoded, as a browser does) and lists every piece of markup that would
run a payload: an executable <script> with a marker, an ``on*`` attribute with a
marker, a URL attribute that starts with ``javascript:``, ``vbscript:`` or an HTML
or SVG ``data:`` URL, an ``<iframe srcdoc>``, a ``style`` with ``expression(`` or
a script URL, a ``<meta http-equiv=refresh>`` or ``<base>`` from a payload.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# --- The corpus ---------------------------------------------------------------


@dataclass(frozen=True)
class Payload:
    id: int
    family: str
    text: str

    def __str__(self) -> str:
        return self.text


def _call(n: int) -> str:
    return f"__xss({n})"


def _build() -> list[Payload]:
    out: list[Payload] = []

    def add(family: str, template: str) -> None:
        n = len(out) + 1
        text = template.replace("CALL", _call(n)).replace("NUM", str(n))
        out.append(Payload(n, family, text))

    # 1. Script tags in many spellings.
    for spelling in (
        "<script>CALL</script>",
        "<SCRIPT>CALL</SCRIPT>",
        "<ScRiPt>CALL</sCrIpT>",
        "<script >CALL</script >",
        "<script\t>CALL</script>",
        "<script\n>CALL</script>",
        "<script/xss>CALL</script>",
        "<script type=text/javascript>CALL</script>",
        "<script type='module'>CALL</script>",
        "<script language=javascript>CALL</script>",
        "<script>/*xss*/alert(NUM)</script>",
        "<script>confirm(NUM)</script>",
        "<script>prompt(NUM)</script>",
        "<<script>CALL//<</script>",
        "<scr<script>ipt>CALL</scr</script>ipt>",
        "<script src=data:text/javascript,CALL></script>",
        "<script>/*</script><script>*/CALL</script>",
        "</title><script>CALL</script>",
        "</textarea><script>CALL</script>",
        "</style><script>CALL</script>",
        "</script><script>CALL</script>",
        "--><script>CALL</script>",
        "]]><script>CALL</script>",
        '<noscript><p title="</noscript><script>CALL</script>">',
        "<script>window['__x'+'ss'](NUM)/*xss*/</script>",
        "<script>setTimeout('CALL')</script>",
    ):
        add("script", spelling)

    # 2. Event handlers on many tags.
    for tag in (
        "<img src=x onerror=CALL>",
        "<IMG SRC=x ONERROR=CALL>",
        '<img src="x" onerror="CALL">',
        "<img src='x' onerror='CALL'>",
        "<img src=x onerror=alert(NUM)>",
        "<img/src=x/onerror=CALL>",
        "<img src=x onerror\t=\tCALL>",
        "<img src=x:xss onerror=javascript:CALL>",
        "<img src onerror=CALL>",
        "<image src=x onerror=CALL>",
        "<svg onload=CALL>",
        "<svg/onload=CALL>",
        "<svg onload=confirm(NUM)>",
        "<body onload=CALL>",
        "<body onpageshow=CALL>",
        "<details open ontoggle=CALL>",
        "<details/open/ontoggle=prompt(NUM)>",
        "<video src=x onerror=CALL></video>",
        "<video><source onerror=CALL></video>",
        "<audio src=x onerror=CALL></audio>",
        "<input autofocus onfocus=CALL>",
        "<input onblur=CALL autofocus><input autofocus>",
        "<select autofocus onfocus=CALL></select>",
        "<textarea autofocus onfocus=CALL></textarea>",
        "<button autofocus onfocus=CALL>x</button>",
        "<marquee onstart=CALL>xss</marquee>",
        "<marquee loop=1 width=0 onfinish=CALL>xss</marquee>",
        "<div onmouseover=CALL style=position:fixed;inset:0>xss</div>",
        "<a onmouseover=CALL>xss</a>",
        "<p onclick=CALL>xss</p>",
        "<object data=x onerror=CALL></object>",
        "<embed src=x onerror=CALL>",
        "<iframe onload=CALL></iframe>",
        "<form><button formaction=x onfocus=CALL autofocus>x</button></form>",
        "<link rel=stylesheet href=x onerror=CALL>",
        "<style onload=CALL></style>",
        "<keygen autofocus onfocus=CALL>",
        "<isindex type=image src=x onerror=CALL>",
        "<table background=x onerror=CALL>",
        "<img src=x onerror=&#95;&#95;xss(NUM)>",
        "<img src=x onerror=eval('\\x5f\\x5fxss(NUM)')>",
        "<img src=x onerror=\\u005f\\u005fxss(NUM)>",
        "<img src=x onerror=top['__x'+'ss'](NUM)//xss>",
        "<img src=x onerror=window.onerror=__xss;throw+NUM>",
        "<img src=x onerror=eval(atob('X194c3MoMSk'))/*xss*/>",
        "<img src=x onerror=`${CALL}`>",
        "<img src=x onerror=CALL//",
        "<img src=x onerror=CALL <!--",
        "<div contenteditable onfocus=CALL autofocus>xss</div>",
        "<span tabindex=1 onfocusin=CALL autofocus>xss</span>",
        "<x onanimationstart=CALL style=animation-name:spin>xss</x>",
        "<x ontransitionend=CALL>xss</x>",
        "<img src=x onerror=CALL onerror=alert(NUM)>",
    ):
        add("event-handler", tag)

    # 3. javascript:, vbscript: and data: URLs.
    for url_form in (
        "<a href=javascript:CALL>xss</a>",
        "<a href='javascript:CALL'>xss</a>",
        '<a href="JAVASCRIPT:CALL">xss</a>',
        "<a href=' javascript:CALL'>xss</a>",
        '<a href="java\tscript:CALL">xss</a>',
        '<a href="java\nscript:CALL">xss</a>',
        '<a href="java&#x09;script:CALL">xss</a>',
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;CALL">xss</a>',
        '<a href="&#x6A;avascript&colon;CALL">xss</a>',
        '<a href="javascript&#58;CALL">xss</a>',
        '<a href="jav&#x61;script:alert(NUM)">xss</a>',
        '<a href="javascript:%5f%5fxss(NUM)">xss</a>',
        '<a href="\x01javascript:CALL">xss</a>',
        "<a href=vbscript:msgbox(NUM)//xss>xss</a>",
        '<a href="data:text/html,<script>CALL</script>">xss</a>',
        '<a href="data:text/html;xss=NUM;base64,PHNjcmlwdD5fX3hzcygxKTwvc2NyaXB0Pg==">xss</a>',
        "<iframe src=javascript:CALL></iframe>",
        '<iframe src="data:text/html,<script>CALL</script>"></iframe>',
        '<iframe srcdoc="<script>CALL</script>"></iframe>',
        '<iframe srcdoc="&lt;img src=x onerror=CALL&gt;"></iframe>',
        "<form action=javascript:CALL><input type=submit></form>",
        "<form><button formaction=javascript:CALL>xss</button></form>",
        "<form><input type=image formaction=javascript:CALL src=x></form>",
        "<object data=javascript:CALL></object>",
        '<object data="data:text/html,<script>CALL</script>"></object>',
        "<embed src=javascript:CALL>",
        '<embed src="data:image/svg+xml,<svg onload=CALL>">',
        "<math href=javascript:CALL>xss</math>",
        "<area href=javascript:CALL>",
        "<base href=javascript:CALL//>",
        "<img src=javascript:CALL>",
        "<video poster=javascript:CALL></video>",
        "javascript:CALL",
        "JaVaScRiPt:alert(NUM)",
        "data:text/html,<script>CALL</script>",
    ):
        add("url-scheme", url_form)

    # 4. SVG and MathML.
    for svg in (
        "<svg><script>CALL</script></svg>",
        "<svg><script href=data:,CALL /></svg>",
        "<svg><script xlink:href=data:,CALL></script></svg>",
        "<svg><a xlink:href=javascript:CALL><text y=20>xss</text></a></svg>",
        "<svg><a><animate attributeName=href values=javascript:CALL />"
        "<text y=20>xss</text></a></svg>",
        "<svg><a><set attributeName=href to=javascript:CALL />"
        "<text y=20>xss</text></a></svg>",
        "<svg><animate onbegin=CALL attributeName=x dur=1s>",
        "<svg><set onbegin=CALL attributename=x to=1>",
        "<svg><foreignObject><img src=x onerror=CALL></foreignObject></svg>",
        "<svg><style><img src=x onerror=CALL></style></svg>",
        "<svg><title><img src=x onerror=CALL></title></svg>",
        '<svg><use href="data:image/svg+xml,<svg id=x onload=CALL />#x"/></svg>',
        "<svg><image href=x onerror=CALL /></svg>",
        "<svg><desc><![CDATA[</desc><script>CALL</script>]]></svg>",
        "<svg><handler xmlns:ev=http://www.w3.org/2001/xml-events "
        "ev:event=load>CALL</handler></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=CALL>",
        "<math><maction actiontype=statusline xlink:href=javascript:CALL>xss"
        "</maction></math>",
        "<math><a xlink:href=javascript:CALL>xss</a></math>",
        "<math><mi xlink:href=data:x,<script>CALL</script>>xss</mi></math>",
        "<form><math><mtext></form><form><mglyph><svg><mtext><textarea>"
        '<path id="</textarea><img src=x onerror=CALL>"></path>',
    ):
        add("svg-math", svg)

    # 5. Breaking out of attributes and contexts.
    for breaker in (
        '" onmouseover="CALL',
        '" autofocus onfocus="CALL',
        "' onmouseover='CALL",
        "' autofocus onfocus='CALL' x='",
        "` onmouseover=CALL `",
        '"><script>CALL</script>',
        "'><script>CALL</script>",
        '"><img src=x onerror=CALL>',
        "'><svg onload=CALL>",
        '" style="animation-name:spin" onanimationstart="CALL',
        '"/><a href=javascript:CALL>xss</a>',
        '";CALL;//',
        "';CALL;//",
        '\\";CALL;//',
        "</script><img src=x onerror=CALL>",
        "${CALL}",
        "{{constructor.constructor('CALL')()}}",
        "{{ '' }}<img src=x onerror=CALL>",
        "{% now 'Y' %}<img src=x onerror=CALL>",
        "\u2028CALL\u2029",
        "</option></select><img src=x onerror=CALL>",
        "</a><a href=javascript:CALL>xss",
        '" href="javascript:CALL',
        "' src='x' onerror='CALL",
    ):
        add("attribute-break", breaker)

    # 6. template, style, meta refresh, base, noscript and friends.
    for trick in (
        "<template><img src=x onerror=CALL></template>",
        "<template shadowrootmode=open><img src=x onerror=CALL></template>",
        "<style>@import 'javascript:CALL';</style>",
        "<style>*{background:url(javascript:CALL)}</style>",
        "<style>@keyframes x{}</style><xss style=animation-name:x onanimationstart=CALL>",
        '<meta http-equiv=refresh content="0;url=javascript:CALL">',
        '<meta http-equiv="refresh" content="0; url=data:text/html,<script>CALL</script>">',
        "<meta charset=x-imap4-modified-utf7>+ADw-script+AD4-CALL+ADw-/script+AD4-",
        "<base href=//xss.invalid/>",
        "<base target=xss><a href=javascript:CALL>xss</a>",
        "<noscript><img src=x onerror=CALL></noscript>",
        "<xmp><img src=x onerror=CALL></xmp>",
        "<plaintext><img src=x onerror=CALL>",
        '<noembed><img title="</noembed><img src=x onerror=CALL>">',
        "<title><img src=x onerror=CALL></title>",
        "<textarea><img src=x onerror=CALL></textarea>",
        "<!--<img src=x onerror=CALL>-->",
        "<!--><img src=x onerror=CALL>-->",
        "<!-- --!><img src=x onerror=CALL>-->",
        "<![CDATA[><img src=x onerror=CALL>]]>",
        "<?xml version=1?><img src=x onerror=CALL>",
        "<!DOCTYPE html><img src=x onerror=CALL>",
        "<link rel=import href=data:text/html,<script>CALL</script>>",
        "<portal src=javascript:CALL></portal>",
        "<frameset onload=CALL>",
        "<object type=text/x-scriptlet data=javascript:CALL></object>",
    ):
        add("template-style-meta", trick)

    # 7. Encoded forms: entities, percent, unicode and JS escapes, double encoding.
    for encoded in (
        "&lt;script&gt;CALL&lt;/script&gt;",
        "&#60;script&#62;CALL&#60;/script&#62;",
        "&#x3c;img src=x onerror=CALL&#x3e;",
        "&#0000060;img src=x onerror=CALL&#0000062;",
        "&lt;img src=x onerror=CALL&gt;",
        "&amp;lt;script&amp;gt;CALL&amp;lt;/script&amp;gt;",
        "%3Cscript%3ECALL%3C%2Fscript%3E",
        "%3Cimg%20src%3Dx%20onerror%3DCALL%3E",
        "%253Cscript%253ECALL%253C%252Fscript%253E",
        "\\u003cscript\\u003eCALL\\u003c/script\\u003e",
        "\\x3cscript\\x3eCALL\\x3c/script\\x3e",
        "\\74script\\76CALL\\74/script\\76",
        "\uff1cscript\uff1eCALL\uff1c/script\uff1e",
        "\u00bcscript\u00beCALL\u00bc/script\u00be",
        "+ADw-script+AD4-CALL+ADw-/script+AD4-",
        "PHNjcmlwdD5fX3hzcyhOVU0pPC9zY3JpcHQ+ xss NUM",
        "&lt;a href=&quot;javascript:CALL&quot;&gt;xss&lt;/a&gt;",
        '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099'
        '&#0000114&#0000105&#0000112&#0000116&#0000058CALL">xss</a>',
        '<a href="&#x0000006A;avascript:CALL">xss</a>',
        '<img src=x onerror="&#x5f;&#x5f;xss(NUM)">',
        "<svg><script>&#x5f;&#x5f;xss(NUM)</script></svg>",
        "<svg><script>&lowbar;&lowbar;xss&lpar;NUM&rpar;</script></svg>",
        '<img src=x onerror="\\u{5f}\\u{5f}xss(NUM)">',
        "<scr\u0131pt>CALL</scr\u0131pt>",
        "<\u017fcript>CALL</\u017fcript>",
    ):
        add("encoded", encoded)

    # 8. NUL, zero-width, combining marks and Vietnamese text around the payload.
    for invisible in (
        "<scr\x00ipt>CALL</scr\x00ipt>",
        "<img src=x on\x00error=CALL>",
        "<img src=x onerror\x00=CALL>",
        '<a href="java\x00script:CALL">xss</a>',
        "<scr\u200bipt>CALL</scr\u200bipt>",
        "<img src=x on\u200berror=CALL>",
        '<a href="java\u200bscript:CALL">xss</a>',
        '<a href="\u200bjavascript:CALL">xss</a>',
        '<a href="\ufeffjavascript:CALL">xss</a>',
        "<\u200dimg src=x onerror=CALL>",
        "<img src=x onerror=CALL>\u0301\u0323",
        "<\u0301img src=x onerror=CALL>",
        "Nguye\u0302\u0303n Va\u0306n A<img src=x onerror=CALL>",
        'Tr\u1ea7n Th\u1ecb B\u00ecnh"><script>CALL</script>',
        "Le\u0302 Thi\u0323 Ho\u0300a' onmouseover='CALL",
        "Ph\u1ea1m V\u0103n \u0110\u1ee9c<svg onload=CALL>",
        "\u0110\u1eb7ng Th\u1ecb Hu\u1ec7<a href=javascript:CALL>xss</a>",
        "Ho\u0300ng<scr\u0301ipt>CALL</scr\u0301ipt>",
        "V\u00f5 Minh Tu\u1ea5n\u202e<img src=x onerror=CALL>\u202c",
        "B\u00f9i Th\u1ecb Lan\x0b<img src=x onerror=CALL>",
        "Ng\u00f4 Qu\u1ed1c Kh\u00e1nh\r\n<script>CALL</script>",
        "\u0110o\u00e0n V\u0103n H\u1eadu<details open ontoggle=CALL>",
    ):
        add("invisible-vietnamese", invisible)

    # 9. CSS.
    for css in (
        '<div style="width:expression(CALL)">xss</div>',
        '<div style="background:url(javascript:CALL)">xss</div>',
        "<div style=\"background-image:url('javascript:CALL')\">xss</div>",
        '<div style="behavior:url(xss.htc);x:expression(CALL)">xss</div>',
        '<div style="x:\\65 xpression(CALL)">xss</div>',
        '<div style="-moz-binding:url(data:text/xml,xss#CALL)">xss</div>',
        '<div style="background:url(&quot;javascript:CALL&quot;)">xss</div>',
        "<style>body{background:url('javascript:CALL')}</style>",
        "<span style=x:expr/**/ession(CALL)>xss</span>",
        '<link rel=stylesheet href="javascript:CALL">',
        '<link rel=stylesheet href="data:text/css,*{x:expression(CALL)}">',
    ):
        add("css", css)

    # 10. Polyglots (written for this corpus).
    for polyglot in (
        "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */onerror=CALL )//%0D%0A%0d%0a//"
        "</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=CALL//>\\x3e",
        "'\"--></style></script><svg onload=CALL>",
        "\"'><img src=x onerror=CALL>`<script>CALL</script>",
        "</textarea></title></style></script></noscript><svg/onload=CALL>",
        '-->\'"/></sCript><deTailS open x=">" ontoggle=(CALL)>',
        "\"`'><script>/* */CALL/* */</script><!--",
        "';alert(String.fromCharCode(88,83,83))//\";alert(NUM)//--></SCRIPT>"
        "\">'><SCRIPT>CALL</SCRIPT>",
        "javascript:\"/*'/*`/*--></noscript></title></textarea></style></template>"
        '</noembed></script><html " onmouseover=/*&lt;svg/*/onload=CALL//>',
        '<!--<img src="--><img src=x onerror=CALL//">',
        '<a href="#" title=""><img src=x onerror=CALL>">xss</a>',
        '"><svg><script>/<@/>CALL</script>',
        '<svg></p><style><a id="</style><img src=x onerror=CALL>">',
        "<math><style><img src=x onerror=CALL></style></math>",
        "<select><template><style><img src=x onerror=CALL></style></template></select>",
        "<table><td><svg><foreignObject><img src=x onerror=CALL>",
        "<noscript><style></noscript><img src=x onerror=CALL>",
        "<a id=x tabindex=1 onfocus=CALL></a><input autofocus>",
        '<img src="x` `<script>CALL</script>"` `>',
        '<div id="x"><img src=x onerror=CALL></div><!--x',
        '"><iframe src="javascript:CALL">',
        "%22%3E%3Csvg%20onload%3DCALL%3E",
        "\\'\\\"><svg onload=CALL>",
    ):
        add("polyglot", polyglot)

    # 11. Dialog-only markers (the browser test listens for dialogs).
    for dialog in (
        "<img src=x onerror=alert(NUM)//xss>",
        "<svg onload=alert(NUM)//xss>",
        "<script>alert(NUM)</script>",
        "<body onload=confirm(NUM)>",
        "<input autofocus onfocus=prompt(NUM)>",
        "<a href=javascript:alert(NUM)>xss</a>",
        "<img src=x onerror=alert`NUM`>",
        "<img src=x onerror=window['al'+'ert'](NUM)//xss>",
        "<img src=x onerror=(alert)(NUM)>",
        "<img src=x onerror=[NUM].find(alert)>",
        "<img src=x onerror=top.confirm(NUM)>",
        "<details open ontoggle=alert(NUM)>",
    ):
        add("dialog", dialog)
    return out


PAYLOADS: list[Payload] = _build()
assert len({p.text for p in PAYLOADS}) == len(PAYLOADS), "duplicate payloads"
FAMILIES = sorted({p.family for p in PAYLOADS})


def representative(per_family: int = 3) -> list[Payload]:
    """A spread of the corpus for the browser: the first few of every family."""
    chosen: list[Payload] = []
    for family in FAMILIES:
        chosen += [p for p in PAYLOADS if p.family == family][:per_family]
    return chosen


def batches(size: int) -> list[list[Payload]]:
    return [PAYLOADS[i : i + size] for i in range(0, len(PAYLOADS), size)]


# --- The judge ----------------------------------------------------------------

# What a payload would run, seen in a handler, a script or a URL.
MARKER = re.compile(r"xss|alert|confirm|prompt|msgbox|expression", re.IGNORECASE)
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "data",
        "xlink:href",
        "poster",
        "background",
        "lowsrc",
        "dynsrc",
        "codebase",
        "cite",
        "ping",
        "values",
        "to",
        "from",
        "by",
    }
)
BAD_SCHEMES = (
    "javascript:",
    "vbscript:",
    "data:text/html",
    "data:image/svg",
    "data:application/xhtml",
    "data:text/xml",
    "data:application/xml",
    "data:text/javascript",
    "data:,",
)
SCRIPT_TYPES = frozenset(
    {
        "",
        "text/javascript",
        "application/javascript",
        "module",
        "text/ecmascript",
        "application/ecmascript",
        "text/jscript",
        "text/livescript",
    }
)
_STRIPPED_IN_URLS = re.compile(r"[\t\n\r]")


def url_is_script(value: str, strict: bool = True) -> bool:
    """As a browser reads a URL's scheme: leading C0 controls and spaces dropped,
    tabs and newlines anywhere removed, case ignored. A data: URL counts when it
    carries a marker (the site's own icons may be inline SVG images)."""
    value = _STRIPPED_IN_URLS.sub("", value).lstrip("".join(map(chr, range(33))))
    value = value.lower()
    if value.startswith(("javascript:", "vbscript:")):
        return True
    return strict and value.startswith(BAD_SCHEMES) and bool(MARKER.search(value))


class _Judge(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: tuple[str, str] | None = None  # (type, text so far)
        self._style = False
        self._style_text = ""

    def handle_starttag(self, tag, attrs):
        self._check_tag(tag, attrs)
        if tag == "script":
            kind = (dict(attrs).get("type") or "").strip().lower()
            self._script = (kind, "")
        elif tag == "style":
            self._style = True
            self._style_text = ""

    def handle_startendtag(self, tag, attrs):
        self._check_tag(tag, attrs)

    def _check_tag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            name = (name or "").lower()
            value = value or ""
            where = f"<{tag} {name}={value[:80]!r}>"
            if name.startswith("on") and MARKER.search(value):
                self.found.append(f"event handler {where}")
            elif name in URL_ATTRIBUTES and url_is_script(value, strict=tag != "img"):
                self.found.append(f"script URL {where}")
            elif name == "srcdoc" and value:
                self.found.append(f"srcdoc {where}")
            elif name == "style" and re.search(
                r"expression|javascript:|binding|behavior", value, re.IGNORECASE
            ):
                self.found.append(f"style {where}")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            content = values.get("content") or ""
            url = re.split(r"url\s*=", content, maxsplit=1, flags=re.IGNORECASE)
            if len(url) == 2 and url_is_script(url[1].strip("'\" ")):
                self.found.append(f"meta refresh <meta content={content[:80]!r}>")
        if tag == "base" and MARKER.search(values.get("href") or ""):
            self.found.append(f"base <base href={values.get('href')!r}>")

    def handle_data(self, data):
        if self._script is not None:
            self._script = (self._script[0], self._script[1] + data)
        elif self._style:
            self._style_text += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            kind, text = self._script
            if kind in SCRIPT_TYPES and MARKER.search(text):
                self.found.append(f"script <script>{text[:80]!r}</script>")
            self._script = None
        elif tag == "style" and self._style:
            if re.search(
                r"expression\s*\(|javascript:", self._style_text, re.IGNORECASE
            ):
                self.found.append(f"style element {self._style_text[:80]!r}")
            self._style = False


# Raw text that a browser parses as markup where html.parser does not (content of
# <noscript>, <noembed>, SVG/MathML <style>, comments closed by "--!>" or "<!-->"):
# a payload's handler or script standing literally in the page source (before
# any quote, so that an escaped payload inside an attribute value is not one).
RAW_HANDLER = re.compile(
    r"<(?:img|image|svg|details|video|audio|source|marquee|body|iframe|object|embed"
    r"|frameset|keygen|isindex|x|xss)[\s/][^<>\"'`]*?\bon[a-z]+\s*=\s*[\"']?[^<>\"']*?"
    r"(?:xss|alert|confirm|prompt)",
    re.IGNORECASE,
)
RAW_SCRIPT = re.compile(
    r"<script(?![^>]*json)[^>]*>[^<]*?(?:__xss|alert\(|confirm\(|prompt\()",
    re.IGNORECASE,
)


def executable_markup(html: str) -> list[str]:
    """Every piece of markup in `html` that would run a payload (see the module)."""
    found = [f"raw markup {m.group(0)[:80]!r}" for m in RAW_HANDLER.finditer(html)]
    found += [f"raw script {m.group(0)[:80]!r}" for m in RAW_SCRIPT.finditer(html)]
    judge = _Judge()
    judge.feed(html)
    judge.close()
    script = judge._script
    if script is not None and script[0] in SCRIPT_TYPES and MARKER.search(script[1]):
        judge.found.append(f"unclosed script {script[1][:80]!r}")
    return found + judge.found


# --- Spreadsheet cells ----------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_cells(rows) -> list[str]:
    """Cells a spreadsheet would read as a formula (CSV/XLSX formula injection)."""
    bad = []
    for row in rows:
        for cell in row:
            if isinstance(cell, str) and cell.startswith(FORMULA_START):
                bad.append(cell[:80])
    return bad
