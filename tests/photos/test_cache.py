"""The cache: warm builds encode nothing, damage is repaired, old entries are pruned."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

from xingguang.photos import PhotoOptions, PhotoPipeline
from xingguang.photos.cache import make_durable, short_digest

from .conftest import SMALL
from .drawing import gradient, save_jpeg


def encode_counting(pipeline: PhotoPipeline, plans, **kwargs) -> tuple[int, list]:
    calls: list[tuple[int, int]] = []
    problems = pipeline.encode(plans, progress=lambda done, total: calls.append((done, total)), **kwargs)
    return calls[-1][1], problems


def test_warm_build_encodes_nothing(pipeline, sources):
    paths = [save_jpeg(sources / f"{n}.jpg", gradient(100, 80 + n)) for n in range(3)]
    plans, _ = pipeline.plan_all(paths)
    assert encode_counting(pipeline, plans.values()) == (3, [])
    stamps = {o.cache_file: o.cache_file.stat().st_mtime_ns for plan in plans.values() for o in plan.outputs}
    again, _ = pipeline.plan_all(paths)
    assert again == plans
    assert encode_counting(pipeline, again.values()) == (0, [])
    assert stamps == {f: f.stat().st_mtime_ns for f in stamps}


def test_same_photo_on_many_pages_is_encoded_once(pipeline, sources):
    path = save_jpeg(sources / "a.jpg", gradient(100, 80))
    copy = sources / "b.jpg"
    copy.write_bytes(path.read_bytes())
    plans, _ = pipeline.plan_all([path, copy, path])
    assert len(plans) == 2
    assert encode_counting(pipeline, [*plans.values(), plans[path]]) == (1, [])


def test_unchanged_stat_skips_reading_the_file(pipeline, sources):
    path = save_jpeg(sources / "a.jpg", gradient(100, 80))
    plan = pipeline.plan(path)
    stat = path.stat()
    # Same size, same inode, same mtime, different bytes: only a re-read could notice.
    with open(path, "r+b") as handle:
        handle.write(b"\0" * stat.st_size)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert pipeline.plan(path) == plan
    # A changed mtime makes planning hash the bytes again, and find them broken.
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    plans, problems = pipeline.plan_all([path])
    assert plans == {} and problems[0].detail == "这不是图片文件"


def test_touched_but_unchanged_photo_keeps_its_names(pipeline, sources):
    path = save_jpeg(sources / "a.jpg", gradient(100, 80))
    plan = pipeline.plan(path)
    pipeline.encode([plan])
    os.utime(path, ns=(1, 1))
    again = pipeline.plan(path)
    assert again.outputs == plan.outputs
    assert encode_counting(pipeline, [again]) == (0, [])


def test_truncated_or_deleted_cache_entries_are_rebuilt(pipeline, sources):
    plan = pipeline.plan(save_jpeg(sources / "a.jpg", gradient(100, 80)))
    pipeline.encode([plan])
    truncated, deleted = plan.outputs[0].cache_file, plan.outputs[4].cache_file
    good = {f: f.read_bytes() for f in (truncated, deleted)}
    truncated.write_bytes(good[truncated][:10])
    deleted.unlink()
    assert encode_counting(pipeline, [plan]) == (1, [])
    assert {f: f.read_bytes() for f in good} == good


def test_corrupt_entry_of_the_same_size_is_found_by_verify(pipeline, sources):
    plan = pipeline.plan(save_jpeg(sources / "a.jpg", gradient(100, 80)))
    pipeline.encode([plan])
    target = plan.fallback.cache_file
    good = target.read_bytes()
    target.write_bytes(bytes(len(good)))
    assert encode_counting(pipeline, [plan]) == (0, [])  # the cheap check trusts the size
    assert encode_counting(pipeline, [plan], verify=True) == (1, [])
    assert target.read_bytes() == good


def test_damaged_index_means_checking_again_not_crashing(pipeline, sources, tmp_path):
    plan = pipeline.plan(save_jpeg(sources / "a.jpg", gradient(100, 80)))
    pipeline.encode([plan])
    (tmp_path / "cache" / "index.json").write_text("{not json", encoding="utf-8")
    assert pipeline.plan(plan.source) == plan
    assert encode_counting(pipeline, [plan]) == (1, [])
    assert json.loads((tmp_path / "cache" / "index.json").read_text())["version"] == 1


def test_prune_removes_what_no_photo_uses(pipeline, sources, tmp_path):
    kept = pipeline.plan(save_jpeg(sources / "kept.jpg", gradient(100, 80)))
    gone = pipeline.plan(save_jpeg(sources / "gone.jpg", gradient(100, 81)))
    pipeline.encode([kept, gone])
    leftover = kept.outputs[0].cache_file.with_name(".x.jpg.123.abcd.tmp")
    leftover.write_bytes(b"a build still writing this")
    assert pipeline.prune(keep=[kept]) == len(gone.outputs)
    assert all(o.cache_file.exists() for o in kept.outputs)
    assert not any(o.cache_file.exists() for o in gone.outputs)
    assert leftover.exists()  # too young to be called stale
    index = json.loads((tmp_path / "cache" / "index.json").read_text())
    assert set(index["outputs"]) == {o.name for o in kept.outputs}
    assert list(index["sources"]) == [os.path.abspath(kept.source)]
    assert encode_counting(pipeline, [kept]) == (0, [])


def build(cache: str, paths: list[str]) -> None:
    pipeline = PhotoPipeline(Path(cache), SMALL)
    plans, problems = pipeline.plan_all(map(Path, paths))
    assert not problems and not pipeline.encode(plans.values())


def test_two_builds_at_once_share_the_cache_safely(tmp_path, sources):
    paths = [str(save_jpeg(sources / f"{n}.jpg", gradient(160, 100 + n))) for n in range(6)]
    context = multiprocessing.get_context("spawn")
    builds = [context.Process(target=build, args=(str(tmp_path / "cache"), paths)) for _ in range(2)]
    for process in builds:
        process.start()
    for process in builds:
        process.join(60)
        assert process.exitcode == 0
    pipeline = PhotoPipeline(tmp_path / "cache", SMALL)
    plans, _ = pipeline.plan_all(map(Path, paths))
    assert encode_counting(pipeline, plans.values(), verify=True) == (0, [])
    assert not list((tmp_path / "cache").rglob("*.tmp"))


def test_no_options_change_means_no_work_even_for_another_url_prefix(tmp_path, sources):
    path = save_jpeg(sources / "a.jpg", gradient(100, 80))
    first = PhotoPipeline(tmp_path / "cache", PhotoOptions(widths=(50,), concurrency=1), url_prefix="a")
    first.encode([first.plan(path)])
    second = PhotoPipeline(tmp_path / "cache", PhotoOptions(widths=(50,), concurrency=1), url_prefix="b/c")
    assert encode_counting(second, [second.plan(path)]) == (0, [])


def test_the_index_lists_exactly_the_outputs_on_disk_whole(tmp_path, sources):
    # Workers rename outputs without fsync and the build process fsyncs each one
    # before the index records it: what the index lists must be there, whole.
    paths = [save_jpeg(sources / f"{n}.jpg", gradient(100 + n, 80)) for n in range(3)]
    pipeline = PhotoPipeline(tmp_path / "cache", PhotoOptions(widths=(40, 80), concurrency=2))
    plans, _ = pipeline.plan_all(paths)
    assert pipeline.encode(plans.values()) == []
    listed = json.loads((tmp_path / "cache" / "index.json").read_text())["outputs"]
    on_disk = {file.name: file.read_bytes() for file in (tmp_path / "cache").glob("??/*")}
    planned = {output.name for plan in plans.values() for output in plan.outputs}
    assert set(listed) == set(on_disk) == planned  # no temporary file left either
    assert all(listed[name] == [len(data), short_digest(data)] for name, data in on_disk.items())


def test_make_durable_reports_a_file_that_is_gone(tmp_path):
    (tmp_path / "here.webp").write_bytes(b"RIFF")
    assert make_durable(tmp_path / "here.webp") is True
    assert make_durable(tmp_path / "gone.webp") is False
