"""What every benchmark script does around its measurements: Django set up with the
test settings on a throwaway database, migrated, and removed afterwards."""

import os
import sys
import tempfile
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent


def run_with_throwaway_database(run, args):
    """Call ``run(args)`` with Django set up on a database of its own: a temporary
    SQLite file, or with a PostgreSQL DATABASE_URL a test_ copy that is dropped
    after (never the database DATABASE_URL names itself)."""
    sys.path.insert(0, str(ROOT))
    tmp = tempfile.TemporaryDirectory(prefix="wagtail-events-bench-")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # A throwaway file: no need to wait for the disk.
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA journal_mode = MEMORY")
        call_command("migrate", verbosity=0)
        old_name = None
    else:
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args)
    finally:
        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        tmp.cleanup()


# Building thousands of pages quickly: Wagtail's rows inserted in bulk, as
# ``add_child`` would have written them, then each script's own rows.


def live_child(index, n, slug, title, content_type, now):
    """The ``n``-th (from 0) child of ``index``, live since ``now``, as an unsaved
    Wagtail ``Page`` row for ``create_children``."""
    import uuid

    from wagtail.models import Page

    return Page(
        title=title,
        draft_title=title,
        slug=slug,
        path=Page._get_path(index.path, index.depth + 1, n + 1),
        depth=index.depth + 1,
        numchild=0,
        url_path=f"{index.url_path}{slug}/",
        content_type=content_type,
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        locale_id=index.locale_id,
        translation_key=uuid.uuid4(),
    )


def insert(model, objs, connection):
    """INSERT the rows of one table of a multi-table model (Django's bulk_create
    refuses those), in batches the database accepts."""
    fields = model._meta.local_concrete_fields
    batch = connection.ops.bulk_batch_size(fields, objs) or len(objs)
    for i in range(0, len(objs), batch):
        model._base_manager._insert(objs[i : i + batch], fields=fields)


def create_children(index, pages):
    """Insert ``pages`` (``live_child`` rows) in bulk; {path: pk} of the
    children of ``index``."""
    from wagtail.models import Page

    Page.objects.bulk_create(pages, batch_size=2000)
    return dict(
        Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
        .values_list("path", "pk")
        .iterator()
    )
