"""One spaCy component per concern; each writes its own span group (see ``extract.spans``)."""
