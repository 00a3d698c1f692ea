from django.shortcuts import render

from . import selectors


def news_list(request):
    return render(request, "egov/news_list.html", {"news": selectors.public_news()})
