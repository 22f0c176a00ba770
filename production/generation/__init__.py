"""Draft generation: the generator interface and the template generator."""
