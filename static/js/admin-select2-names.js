'use strict';
// The admin's autocomplete boxes (Select2) come without a name for assistive technology, and
// a multiple box puts its "clear" button inside its list. Each box is named after its field's
// label and says which list of choices it controls, and the button is moved next to the list,
// every time Select2 redraws a box; an open list holding only a message is not called a listbox.
{
    const fieldName = (select) => {
        const label = select.id && document.querySelector(`label[for="${select.id}"]`);
        return label ? label.textContent.replace(/:\s*$/, '').trim() : select.name;
    };

    const nameBox = (container) => {
        const select = container.previousElementSibling;
        if (!select || select.tagName !== 'SELECT') {
            return;
        }
        const name = fieldName(select);
        container.querySelectorAll('.select2-selection, .select2-search__field, .select2-selection__rendered[role="textbox"]').forEach((element) => {
            if (element.getAttribute('aria-label') !== name) {
                element.setAttribute('aria-label', name);
            }
        });
        container.querySelectorAll('.select2-selection[role="combobox"]').forEach((box) => {
            const results = `select2-${select.id}-results`;
            if (select.id && box.getAttribute('aria-controls') !== results) {
                box.setAttribute('aria-controls', results);
            }
        });
        const list = container.querySelector('ul.select2-selection__rendered');
        if (list) {
            const fresh = list.querySelector(':scope > .select2-selection__clear');
            const moved = list.parentElement.querySelectorAll(':scope > .select2-selection__clear');
            if (fresh) {
                moved.forEach((old) => old.remove());
                list.before(fresh);
            } else if (!list.querySelector('.select2-selection__choice')) {
                moved.forEach((old) => old.remove());
            }
        }
    };

    // An open list that holds only a message ("No results found", "Searching…", role alert) is
    // no listbox: a listbox must hold options. It is shown as a plain box until options come back.
    const listRole = (list) => {
        const hasOptions = list.querySelector(':scope > [role="option"], :scope > [role="group"]');
        const role = hasOptions || !list.children.length ? 'listbox' : 'presentation';
        if (list.getAttribute('role') === role) {
            return;
        }
        if (role === 'presentation' && list.hasAttribute('aria-multiselectable')) {
            list.dataset.multiselectable = list.getAttribute('aria-multiselectable');
            list.removeAttribute('aria-multiselectable');
        } else if (role === 'listbox' && list.dataset.multiselectable) {
            list.setAttribute('aria-multiselectable', list.dataset.multiselectable);
        }
        list.setAttribute('role', role);
    };

    // A single choice's drop-down hangs from <body>, away from its select: its search field is
    // named after the field its results list belongs to ("select2-id_speaker-results").
    const nameSearch = (field) => {
        const results = field.getAttribute('aria-controls') || '';
        const found = results.match(/^select2-(.+)-results$/);
        const select = found && document.getElementById(found[1]);
        if (!select) {
            return;
        }
        const name = `Search ${fieldName(select).toLowerCase()}`;
        if (field.getAttribute('aria-label') !== name) {
            field.setAttribute('aria-label', name);
        }
    };

    const nameAll = () => {
        document.querySelectorAll('.select2-container').forEach(nameBox);
        document.querySelectorAll('.select2-search--dropdown .select2-search__field').forEach(nameSearch);
        document.querySelectorAll('ul.select2-results__options').forEach(listRole);
    };
    new MutationObserver(nameAll).observe(document.documentElement, {childList: true, subtree: true});
    document.addEventListener('DOMContentLoaded', nameAll);
}
