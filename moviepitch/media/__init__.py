"""Pictures: posters from the image model's answer, social cards, PNG renditions and the image worker pool."""
