"""End to end in headless Chromium: an annotator drags over a word, labels it, submits, and
`pull` brings the span back with the right code-point offsets (the text has an emoji, a
combining accent, CRLF and non-breaking spaces before the word, so UTF-16 or newline slips show)."""

from __future__ import annotations

import runpy
import shutil
from pathlib import Path

import pytest
from ls_helpers import make_document, read

from newsevents.document import write_document
from newsevents.labelstudio.pull import pull_tasks
from newsevents.labelstudio.push import push_documents
from newsevents.labelstudio.server import client, export_tasks, find_project, user_names

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
SERVER = runpy.run_path(str(Path(__file__).resolve().parents[2] / "scripts" / "labelstudio"))

# The screen box of the first occurrence of a word in the task's text (Label Studio renders the
# <Text> tag as plain text nodes, so a DOM Range gives exactly where a person would drag).
WORD_BOX = """([word]) => {
  const walker = document.createTreeWalker(document.querySelector('.lsf-richtext__container'),
                                           NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent.indexOf(word);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      const r = range.getBoundingClientRect();
      return {x: r.left, y: r.top, w: r.width, h: r.height};
    }
  }
  return null;
}"""


@pytest.fixture
def raw_corpus(tmp_path: Path) -> Path:
    doc = make_document()
    doc.update(status="raw", entities=[], events=[])
    write_document(tmp_path / "corpus" / "train" / f"{doc['id']}.json", doc)
    return tmp_path / "corpus"


def test_drag_over_a_word_label_it_submit_and_pull_it_back(ls_server, raw_corpus, project_name):
    playwright = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    if not Path(CHROMIUM).is_file():
        pytest.skip("Chromium is not installed (Debian: apt-get install -y chromium)")
    doc = read(raw_corpus)
    push_documents(ls_server, project_name, [doc], "document")
    project_id = find_project(ls_server, project_name)
    (task,) = client(ls_server).tasks.list(project=project_id)

    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{ls_server.url}/user/login")
            page.fill("input[name=email]", SERVER["USERNAME"])
            page.fill("input[name=password]", SERVER["PASSWORD"])
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
            page.goto(f"{ls_server.url}/projects/{project_id}/data?task={task.id}")
            page.locator(".lsf-richtext__line").first.wait_for(timeout=60_000)
            page.locator(".lsf-label", has=page.locator(".lsf-label__text", has_text="GPE")).first.click()
            box = page.evaluate(WORD_BOX, ["Caracas"])
            assert box, "the word is not on the page"
            y = box["y"] + box["h"] / 2
            page.mouse.move(box["x"] + 1, y)
            page.mouse.down()
            page.mouse.move(box["x"] + box["w"] / 2, y, steps=5)
            page.mouse.move(box["x"] + box["w"] - 1, y, steps=5)
            page.mouse.up()
            saved = lambda r: "/annotations" in r.url and r.request.method == "POST"
            with page.expect_response(saved, timeout=30_000) as response:
                page.get_by_role("button", name="Submit").click()
            assert response.value.ok, f"submitting failed: HTTP {response.value.status}"
        finally:
            browser.close()

    exported = export_tasks(ls_server, project_id)
    assert len(exported[0]["annotations"]) == 1, "the submitted annotation did not reach the server"
    report = pull_tasks(exported, user_names(ls_server), raw_corpus)
    assert report.rejected == {} and report.written == [doc["id"]]
    pulled = read(raw_corpus)
    start = doc["text"].index("Caracas")
    (entity,) = pulled["entities"]
    assert {k: entity[k] for k in ("type", "start", "end", "text")} == {
        "type": "GPE", "start": start, "end": start + len("Caracas"), "text": "Caracas"}  # fmt: skip
    assert entity["source"] == {"annotator": SERVER["USERNAME"]}
    assert pulled["status"] == "annotated"
