"""The site's URLs. Public paths are Vietnamese and stable (they are printed on receipts and
letters); Vietnamese is served without a prefix and English under /en/."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.static import serve

from . import views
from .sitemaps import all_sitemaps

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = admin.site.site_title = admin.site.index_title = views.STAFF_AREA_TITLE

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler429 = "portal.views.ratelimited"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/ready", views.readiness, name="readiness"),
    path("sitemap.xml", sitemap, {"sitemaps": all_sitemaps()}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("", include("portal.app_urls")),
    # The PAPI plan tracker (/quan-tri/ke-hoach-papi/) and the quarterly reports (/bao-cao/).
    path("", include("portal.papi.urls")),
    # /van-ban/, /ke-hoach/, /pho-bien-phap-luat/
    path("", include("transparency.urls")),
    # /tin-tuc/, /gop-y-du-thao/
    path("", include("egov.urls")),
    # /tiep-cong-dan/, /doi-thoai/
    path("", include("accountability.urls")),
    # /thu-tuc/, /tra-cuu-ho-so/, /phan-anh-kien-nghi/
    path("", include("procedures.urls")),
    # /dien/, /lich-cat-dien/
    path("", include("services.urls")),
    # /to-giac/ (the anonymous channel), /tuyen-dung/
    path("", include("anticorruption.urls")),
    path("tai-khoan/", include("allauth.urls")),
    path("quan-tri/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
