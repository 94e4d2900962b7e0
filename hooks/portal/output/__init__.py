"""Pages and files: page providers, templates, shells, headers, sitemap, the output folder."""
