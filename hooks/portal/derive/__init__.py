"""What the model implies: calendars, targets, news, feeds, search, open data."""
