"""Fixture documents built from the public templates (FORMS.md) in every container: the form as data
(:mod:`.layouts`) and one writer per container (:mod:`.containers`)."""
