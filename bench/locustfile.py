"""Fifty logged-in people of mixed roles working through their pages (run by bench/bench_load.py)."""

import random
import re

from locust import HttpUser, between, task

# login → share of the users, pages they open (URLs found on their home page by these patterns)
ROLES = {
    "curator": (0.3, ["/", "/people/", "/mentorships/", "/mentorships/attention/", "/intake/", "/programs/"]),
    "director": (0.1, ["/", "/people/", "/mentorships/", "/documents/"]),
    "mentor": (0.3, ["/", "/mentorships/", "/mentorships/calendar/"]),
    "mentee": (0.25, ["/", "/mentorships/", "/surveys/my/"]),
    "municipal": (0.05, ["/", "/municipal/"]),
}
PAIR = re.compile(r'href="(/mentorships/\d+/)"')


class Person(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        names, weights = zip(*((name, spec[0]) for name, spec in ROLES.items()), strict=True)
        self.role = random.choices(names, weights)[0]
        self.client.headers["X-Forwarded-Proto"] = "https"
        page = self.client.get("/login/", name="/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        self.client.post("/login/", {"username": self.role, "password": "demo", "csrfmiddlewaretoken": token},
                         headers={"Referer": self.host + "/login/"}, name="/login/ (POST)")
        for cookie in list(self.client.cookies):  # Secure cookies over the loopback's plain HTTP
            self.client.cookies.set(cookie.name, cookie.value)
        home = self.client.get("/", name="/ (home)")
        self.pairs = PAIR.findall(home.text)

    @task(5)
    def browse(self) -> None:
        url = random.choice(ROLES[self.role][1])
        self.client.get(url, name=url)

    @task(2)
    def open_pair(self) -> None:
        if self.pairs:
            self.client.get(random.choice(self.pairs), name="/mentorships/<pair>/")
