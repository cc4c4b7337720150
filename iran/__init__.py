"""What is Iranian and not ours: Jalali periods and dates, Persian digits and
text normalisation, validators for national identifiers. Pure functions, no models."""
