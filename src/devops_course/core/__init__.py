"""The shared layers every interactive is built from: errors and validation,
parameter specs, figures as plotly JSON, style, explorers, live widgets, display."""
