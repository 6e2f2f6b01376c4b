"""A photo worker killed outright (as the out-of-memory killer does) stops the encode with
the photo it had in hand named, and leaves the cache and its index consistent."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from .drawing import gradient, quadrants, save_jpeg
from xingguang import messages
from xingguang.catalog import PhotoSource
from xingguang.messages import MessageKind
from xingguang.photos import PhotoOptions, PhotoPipeline
from xingguang.photos.cache import read_index, short_digest
from xingguang.photos.errors import PhotoWorkerDied
from xingguang.site_photos import worker_died_problems


def readers_of(path: Path) -> list[int]:
    """The processes that have ``path`` open (Linux /proc)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if any(os.readlink(fd) == str(path) for fd in (entry / "fd").iterdir()):
                pids.append(int(entry.name))
        except OSError:
            continue
    return pids


def kill_whoever_reads(fifo: Path, outputs: list[Path], killed: list[int]) -> None:
    """Wait until a worker opens ``fifo`` to decode it, then SIGKILL that worker as if it
    died half-way through writing ``outputs`` (its temporary files, named as it names them)."""
    with open(fifo, "wb"):  # returns once the reading end is open
        for pid in readers_of(fifo):
            if pid != os.getpid():
                for output in outputs:
                    output.parent.mkdir(parents=True, exist_ok=True)
                    output.with_name(f".{output.name}.{pid}.0123abcd.tmp").write_bytes(b"half")
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)


def assert_index_matches_the_files(cache_dir: Path) -> None:
    """Every output the index lists is on disk, whole; no temporary file is left."""
    _sources, outputs = read_index(cache_dir)
    for name, (size, digest) in outputs.items():
        data = (cache_dir / name[:2] / name).read_bytes()
        assert (len(data), short_digest(data)) == (size, digest), name
    assert not list(cache_dir.rglob("*.tmp"))


def test_a_killed_worker_names_its_photo_and_keeps_the_finished_ones(tmp_path: Path) -> None:
    sources = tmp_path / "photos"
    sources.mkdir()
    victim = save_jpeg(sources / "victim.jpg", gradient(320, 240))
    others = [save_jpeg(sources / f"other{n}.jpg", quadrants(160, 120)) for n in range(5)]
    pipeline = PhotoPipeline(tmp_path / "cache", PhotoOptions(widths=(40, 80, 160), concurrency=2))
    plans, problems = pipeline.plan_all([victim, *others])
    assert problems == []
    # The planned photo becomes a pipe: its worker blocks reading it, and is killed there.
    victim.unlink()
    os.mkfifo(victim)
    killed: list[int] = []
    half_written = [o.cache_file for o in plans[victim].outputs]
    killer = threading.Thread(target=kill_whoever_reads, args=(victim, half_written, killed))
    killer.start()
    with pytest.raises(PhotoWorkerDied) as died:
        pipeline.encode(plans.values())
    killer.join(timeout=60)
    assert len(killed) == 1
    assert died.value.sources == (victim,)
    assert str(died.value) == f"处理照片的后台进程被系统强行结束了，当时在处理：{victim}"
    assert_index_matches_the_files(pipeline.cache_dir)

    # The next encode (the photo restored) finishes the job and reuses what was kept.
    victim.unlink()
    save_jpeg(victim, gradient(320, 240))
    kept = set(read_index(pipeline.cache_dir)[1])
    plans, problems = pipeline.plan_all([victim, *others])
    assert problems == [] and pipeline.encode(plans.values()) == []
    assert_index_matches_the_files(pipeline.cache_dir)
    assert all(o.cache_file.is_file() for plan in plans.values() for o in plan.outputs)
    assert kept <= set(read_index(pipeline.cache_dir)[1])


def test_the_editors_message_names_the_photo_and_every_record_that_uses_it(tmp_path: Path) -> None:
    photo = tmp_path / "site_data" / "photos" / "qingming-2.jpg"
    uses = [PhotoSource(photo, "activity", "2022-04-qingming"), PhotoSource(photo, "honour", "2022-12-nengshou"),
            PhotoSource(tmp_path / "site_data" / "photos" / "other.jpg", "teacher", "zhang-san")]
    [problem] = worker_died_problems(PhotoWorkerDied((photo,)), uses, tmp_path).errors
    assert problem.kind is messages.PHOTO_WORKER_KILLED and problem.file == "site_data/photos/qingming-2.jpg"
    assert problem.what.startswith("处理这张照片（用在：活动 2022-04-qingming、荣誉 2022-12-nengshou）的后台进程"
                                   "被系统强行结束了，多半是内存不够")
    # Killed between two photos: the general sentence, the same as the guide's.
    [unknown] = worker_died_problems(PhotoWorkerDied(()), uses, tmp_path).errors
    assert unknown.what == messages.PHOTO_WORKER_KILLED.when


def test_a_sentence_and_its_values_must_match() -> None:
    """A sentence reworded without its field, or a call site that leaves a value out, fails here
    instead of printing a message that silently lacks the photo's users."""
    kind = MessageKind("XG999", "试验", "试验", what="处理这张照片（用在：{used_by}）时出错")
    assert kind.say(used_by="活动 a") == "处理这张照片（用在：活动 a）时出错"
    with pytest.raises(ValueError):
        kind.say()
    with pytest.raises(ValueError):
        MessageKind("XG999", "试验", "试验", what="处理这张照片时出错").say(used_by="活动 a")
