"""The kernel every app may use and that uses no app (only iran/, below it).

* language     the page's language (fa/en) and bilingual fields (`pick`, `Bilingual`);
               the `{% load bilingual %}` tags live in core/templatetags/bilingual.py
* exports      the CSV formula guard and the CSV/XLSX writers and download response
* storage      private files (microdata, proposals, uploaded warehouse tables)
* pages        building the page tree from code (`child_page`)
* translation  English versions the wagtail-localize way (`translate`)
* client_ip, login_guard, redirects   the visitor's address, login limits, safe `next`"""
