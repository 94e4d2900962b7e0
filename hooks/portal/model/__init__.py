"""The content model and its vocabulary: records, dates, values, problems, schema, lookups."""
