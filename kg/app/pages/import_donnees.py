"""Import: upload a CSV or XLSX in the template, see every error with its row and column before
anything is written, then add the good rows to the graph as a new source."""

import streamlit as st

from kg.app import data, founder, importing, widgets
from kg.errors import AncrageError

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
    if data.optional("loaders.tabular") is None:
        st.warning(tr("module_missing", module="loaders.tabular"))
        return
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
            st.error(tr("imp_errors", n=len(result.problems)))
        else:
            st.warning(tr("imp_warnings", n=result.warnings))
        widgets.table(result.problems, {"file": "col_file", "sheet": "col_sheet", "row": "col_row",
                                        "column": "col_column", "message": "col_message",
                                        "expected": "col_expected", "found": "col_found"}, key="imp_problems")
        widgets.csv_download("imp_download", result.problems, "ancrage-import-problemes.csv", "imp_dl_problems")
    else:
        st.success(tr("imp_ok", good=result.good))
    st.markdown(tr("imp_good", good=result.good))
    if cached[2]:
        st.success(cached[2])
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
        message = " ".join(data.tr_md("imp_added", source=d["source"], records=d["records"], version=version) for d in done)
        st.session_state[CHECK_KEY] = (fp, result, message)
        st.success(message)


if __name__ == "__main__":
    render()
