"""Generated deals: valid deals drawn across the whole model, for layout and preflight tests."""
