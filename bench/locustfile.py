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
        for cookie in list(self.client.cookies):  # the CSRF cookie is Secure too: resend it over loopback's HTTP
            self.client.cookies.set(cookie.name, cookie.value)
        # Behind the (pretended) TLS proxy Django checks that the form came from an https page of the same host.
        referer = self.host.replace("http://", "https://", 1) + "/login/"
        with self.client.post("/login/", {"username": self.role, "password": "demo", "csrfmiddlewaretoken": token},
                              headers={"Referer": referer}, name="/login/ (POST)", allow_redirects=False,
                              catch_response=True) as signed_in:
            if signed_in.status_code != 302 or "/login/" in signed_in.headers.get("Location", "/login/"):
                signed_in.failure(f"sign-in refused: {signed_in.status_code}")
        for cookie in list(self.client.cookies):  # Secure cookies over the loopback's plain HTTP
            self.client.cookies.set(cookie.name, cookie.value)
        home = self.client.get("/", name="/ (home)")
        self.pairs = PAIR.findall(home.text)

    @task(5)
    def browse(self) -> None:
        url = random.choice(ROLES[self.role][1])
        self._page(url, url)

    @task(2)
    def open_pair(self) -> None:
        if self.pairs:
            self._page(random.choice(self.pairs), "/mentorships/<pair>/")

    def _page(self, url: str, name: str) -> None:
        """A page counts only when it is served: a redirect to the login page would be a fast false success."""
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200 or "/login/" in response.url:
                response.failure(f"not served: {response.status_code} {response.url}")
