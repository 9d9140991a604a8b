"""Signals privacy sends: the stage apps (intake, mentorships, …) react without privacy importing them."""

from django.dispatch import Signal

# Sent inside the withdrawal's transaction, with keyword arguments:
#   consent — the withdrawn Consent; person — its subject; when — the moment of withdrawal (aware datetime);
#   stop_processing — True when nothing lets the person take part any more (the participation consent was
#   withdrawn, or no consent is left in force): receivers take the person out of the bases, pairs and matching.
# A receiver that raises rolls the whole withdrawal back, so receivers must not fail on ordinary data.
consent_withdrawn = Signal()
