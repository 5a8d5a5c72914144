from msp.drafts.filling import fill_forms

PAGE = """<form method="post" action="/other/"><input name="notes" value="other"></form>
<form method="post" novalidate><input type="hidden" name="csrfmiddlewaretoken" value="new">
<input type="hidden" name="version" value="7"><input class="govuk-input" name="when" value="">
<textarea name="notes">old &amp; text</textarea>
<input type="radio" name="how" value="phone" checked><input type="radio" name="how" value="visit">
<input type="checkbox" name="who" value="a"><input type="checkbox" name="who" value="b">
<select name="team"><option value="1" selected>North</option><option value="2">South</option></select>
<input type="file" name="upload"><input type="password" name="secret"></form>"""


def test_the_form_sent_to_the_page_is_filled_and_nothing_else():
    html, filled = fill_forms(
        PAGE,
        path="/enquiries/1/conversation/",
        form_data={
            "csrfmiddlewaretoken": ["old"],
            "version": ["6"],
            "when": ['12 "May"'],
            "notes": ["I want to <feel> safe"],
            "how": ["visit"],
            "who": ["a", "b"],
            "team": ["2"],
            "upload": ["x"],
            "secret": ["x"],
        },
    )
    assert 'action="/other/"><input name="notes" value="other">' in html
    assert 'value="new"' in html and 'value="old"' not in html
    assert 'name="version" value="6"' in html  # a save over a later change is still caught
    assert 'value="12 &quot;May&quot;"' in html
    assert '<textarea name="notes">I want to &lt;feel&gt; safe</textarea>' in html
    assert '<input type="radio" name="how" value="phone">' in html
    assert '<input type="radio" name="how" value="visit" checked>' in html
    assert html.count("checked") == 3
    assert '<option value="1">North</option><option value="2" selected>South</option>' in html
    assert 'name="upload">' in html and 'name="secret">' in html
    assert filled == 7
