"""Small typed value cleaners shared by every part of envcoop (dates, languages, countries)."""
