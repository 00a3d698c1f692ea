# The portal's production image: gunicorn for the web, the same image for the Celery worker and
# beat (see docker-compose.yml). Build: docker build -t congthuong-portal .
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    LANG=C.UTF-8 \
    DJANGO_ENV=production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media \
    PRIVATE_MEDIA_ROOT=/app/private \
    WEB_CONCURRENCY=3

# WeasyPrint's libraries (Pango, HarfBuzz subsetting), gettext for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2 \
        gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

COPY requirements.txt ./
RUN pip install --require-hashes -r requirements.txt

COPY . .

# Build-time settings only: production refuses to start without a real secret and hosts, and
# these two commands need neither a database nor a broker.
RUN SECRET_KEY=build-time-only-not-a-secret-build-time-only-not-a-secret-0123456789 \
    ALLOWED_HOSTS=build.invalid \
    sh -c 'python manage.py compilemessages --ignore .venv --ignore frontend -v0 \
        && python manage.py collectstatic --noinput -v0'

RUN groupadd --system portal \
    && useradd --system --gid portal --home-dir /app --no-create-home --shell /usr/sbin/nologin portal \
    && mkdir -p /app/media /app/private \
    && chown portal:portal /app/media /app/private
USER portal

EXPOSE 8000
# Workers: WEB_CONCURRENCY (gunicorn reads it; 2–4 on a small machine).
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "--timeout", "60", "--max-requests", "2000", "--max-requests-jitter", "200"]
