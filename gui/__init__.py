"""The desktop editor: Arabic right-to-left forms, live PDF preview, files, export and print."""
