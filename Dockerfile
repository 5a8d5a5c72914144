# The production image: `msp serve` (gunicorn) with static files collected, as an unprivileged user.
# Not built on the development machine (no Docker engine there): see docs/deployment.md.

# GOV.UK Frontend's compiled files, from the pinned npm package.
FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY scripts/build-assets.sh scripts/
RUN sh scripts/build-assets.sh

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# Pango and a font for the board report's PDFs; PostgreSQL 15's client tools for msp backup.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
      postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home --home-dir /home/msp msp
WORKDIR /app
COPY pyproject.toml manage.py ./
COPY msp ./msp
RUN pip install -e .
COPY --from=assets /src/build/static ./build/static
# collectstatic reads the settings, and production settings insist on these: they are build-time
# stand-ins only, never used by the running service.
RUN MSP_MODE=production MSP_SECRET_KEY=build-only-$(python -c 'import secrets; print(secrets.token_hex(32))') \
    MSP_ALLOWED_HOSTS=build.invalid DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    msp collectstatic --noinput -v0 \
 && mkdir -p var && chown msp:msp var
USER msp
ENV MSP_MODE=production MSP_BIND=0.0.0.0:8000
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
CMD ["msp", "serve"]
