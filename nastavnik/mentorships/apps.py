from django.apps import AppConfig


class MentorshipsConfig(AppConfig):
    name = "nastavnik.mentorships"
    label = "mentorships"
