from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from .models import MemberState, Resolution


def home(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"{Resolution.objects.count()} votes")


def resolution_detail(request: HttpRequest, slug: str) -> HttpResponse:
    resolution = get_object_or_404(Resolution, slug=slug)
    return HttpResponse(str(resolution))


def member_detail(request: HttpRequest, code: str) -> HttpResponse:
    member = get_object_or_404(MemberState, code=code.upper())
    return HttpResponse(str(member))
