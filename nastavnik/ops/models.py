from django.db import models


class DataVersion(models.Model):
    """How many committed writes a table has seen (`*`: any table); see nastavnik/freshness.py."""

    name = models.CharField(max_length=100, primary_key=True)
    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"
