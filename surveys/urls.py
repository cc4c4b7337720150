"""This app's non-page views, under the /fa/ and /en/ prefixes."""

urlpatterns = []
