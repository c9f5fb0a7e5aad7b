"""Opting out of the weekly digest with the signed link from the e-mail."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .. import digest


@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request, token):
    """The link in every digest: a signed token names the user, so no login is needed. GET
    asks, POST unsubscribes (mail scanners that follow links change nothing)."""
    user = digest.user_for_token(token)
    if user is None:
        raise Http404
    done = request.method == "POST"
    if done:
        digest.opt_out(user)
    return render(request, "impact/digest_unsubscribe.html", {"done": done})
