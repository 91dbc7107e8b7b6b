"""Import: upload a CSV or XLSX in the template, see every error with its row and column before
anything is written, then add the good rows to the graph as a new source."""

import streamlit as st

from kg.app import data, founder, importing, pages, widgets
from kg.i18n import t_n
from kg.app.model import label_of
from kg.errors import AncrageError
from kg.escape import markdown_text

CHECK_KEY = "imp_check"


def render() -> None:
    tr, lang = data.tr, data.lang()
    store = data.require_store()
    st.title(tr("imp_title"))
    st.write(tr("imp_intro"))
    c1, c2 = st.columns(2)
    c1.download_button(tr("nc_dl_xlsx"), data=founder.template_xlsx(), file_name="modele-ancrage.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="imp_dl_xlsx",
                       on_click="ignore")
    c2.download_button(tr("nc_dl_zip"), data=founder.template_zip(), file_name="modele-ancrage-csv.zip",
                       mime="application/zip", key="imp_dl_zip", on_click="ignore")
    uploads = st.file_uploader(tr("imp_upload"), type=[e.lstrip(".") for e in importing.ALLOWED],
                               accept_multiple_files=True, key="imp_files")
    if not uploads:
        st.session_state.pop(CHECK_KEY, None)
        return
    files = [(u.name, u.getvalue()) for u in uploads]
    replace = st.checkbox(tr("imp_replace"), key="imp_replace", help=tr("imp_replace_help"))
    fp = importing.fingerprint(files) + lang + ("+replace" if replace else "")
    cached = st.session_state.get(CHECK_KEY)
    if not cached or cached[0] != fp:
        with st.spinner(tr("imp_checking")):
            try:
                with importing.staged(files) as paths:
                    result = importing.check(paths, lang, store=store, replace=replace)
            except AncrageError as err:
                st.error(data.tr_md("error_generic", error=str(err)))
                return
        cached = (fp, result, None)
        st.session_state[CHECK_KEY] = cached
    result = cached[1]

    if result.problems:
        if result.errors:
            st.error(t_n("imp_errors", len(result.problems), lang))
        else:
            st.warning(t_n("imp_warnings", result.warnings, lang))
        widgets.table(result.problems, {"file": "col_file", "sheet": "col_sheet", "row": "col_row",
                                        "column": "col_column", "message": "col_message",
                                        "expected": "col_expected", "found": "col_found"}, key="imp_problems")
        widgets.csv_download("imp_download", result.problems, "ancrage-import-problemes.csv", "imp_dl_problems")
    else:
        st.success(t_n("imp_ok", result.good, lang))
    st.markdown(tr("imp_good", n=result.good))
    if cached[2]:
        _added(*cached[2])
        return
    if result.good == 0:
        st.info(tr("imp_nothing"))
        return
    if st.button(tr("imp_add"), key="imp_add", type="primary"):
        try:
            with st.spinner(tr("spinner")):
                with importing.staged(files) as paths:
                    version, done = importing.add(paths, data.settings(), lang, store=store, replace=replace)
        except AncrageError as err:  # another write holding the store too long, disk full…: nothing written
            st.error(data.tr_md("error_generic", error=data.error_text(err)))
            return
        if version is None:
            st.info(tr("imp_nothing"))
            return
        message = " ".join(t_n("imp_added", int(d["records"] or 0), lang, source=markdown_text(d["source"])) for d in done)
        message += " " + data.tr_md("imp_new_version", version=version)
        committees = importing.new_committees(data.get_store(), [d["source"] for d in done])
        st.session_state[CHECK_KEY] = (fp, result, (message, committees))
        # the sidebar shows the version after the page has run: it is already the new one
        _added(message, committees)


def _added(message: str, committees: list[str]) -> None:
    """What an import added: the message, and a link to each committee it describes."""
    st.success(message)
    if committees:
        names = data.names(data.get_store().version, data.lang())
        for iri in committees:
            st.page_link(pages.page("comites"), label=data.tr_md("imp_see_committee", name=label_of(iri, names)),
                         icon=":material/groups:", query_params={"committee": iri})

