"""Address prefixes of the site's areas, named once for every rule that needs them."""

# The back office and each person's own pages: never cached for anonymous
# visitors, and not for crawlers either.
PERSONAL_AREA_PREFIXES = ("/admin/", "/accounts/", "/learning/", "/quizzes/")
