"""Translation tables, one module per area of the UI; merged by funnel.i18n."""
