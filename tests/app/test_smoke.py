from tests import factories as f


def test_conference_with_sessions_renders(client, index):
    v = f.venue(rooms=["Auditorium", "Dijlezaal"])
    conf = f.conference(
        index, title="Local government approaches to diversity", venue=v
    )
    f.panel(
        conf,
        f.local(2024, 4, 19, 10, 15),
        f.local(2024, 4, 19, 12, 0),
        title="Leading the charge",
        room=f.room(v, "Auditorium"),
        speakers=[
            f.speaker(f.person()),
            f.speaker(name="Paola Alvarez", confirmation="tbc"),
        ],
    )
    f.site_visit(
        conf,
        f.local(2024, 4, 19, 10, 15),
        f.local(2024, 4, 19, 12, 0),
        title="City tour",
        track="Site visits",
        runs=[(f.local(2024, 4, 19, 13, 0), f.local(2024, 4, 19, 14, 45))],
    )
    f.programme_item(
        conf,
        f.local(2024, 4, 19, 12),
        f.local(2024, 4, 19, 13),
        kind="meal",
        title="Lunch",
    )
    response = client.get(conf.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Leading the charge" in html
    assert "Bart Somers</a> (Belgium)" in html
    assert "TBC" in html
    assert "Lunch" in html
    for page in conf.get_children().specific():
        assert client.get(page.url).status_code == 200
    assert client.get(index.url).status_code == 200
    assert client.get(index.url + "?when=past").status_code == 200
