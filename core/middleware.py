from django.conf import settings
from django.http import Http404
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch unless the user chose another language with the switcher (a cookie).

    The browser's Accept-Language is ignored on purpose: the firm works in Dutch, and a
    half-English page because a laptop is set to English helps nobody.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class RefuseNullBytesMiddleware:
    """A NUL byte in the address or the query string is never ours: 404, before the database
    (PostgreSQL refuses it in text and would answer 500). Form fields refuse it themselves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if (
            "\x00" in request.path
            or "%00" in query
            or any("\x00" in value for values in request.GET.lists() for value in values[1])
        ):
            raise Http404
        return self.get_response(request)


class PrivatePagesMiddleware:
    """What a logged-in person sees is theirs: no shared cache or browser history keeps it
    (Cache-Control: private, no-store), unless a view chose its own caching (photos)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
