"""The forms that add and edit events, projects, agreements and organisations on the site
(``envcoop.web.views.record_forms`` serves them).

- ``names``: a record's names, one field per language, one of them the original;
- ``pickers``: fields that choose other records (organisations, countries, series, funds,
  framework components, areas, events) by name, as the reader types;
- ``forms``: one form per kind, turning what was typed into its service's arguments;
- ``saving``: who may add and change what, and the save itself, through the registry's
  services and into the record's history.
"""
