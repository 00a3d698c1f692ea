// Names for the controls of Django's admin widgets that have none for assistive technology
// (WCAG 2.2 AA; axe checks them in tests/transparency/test_admin_browser.py). This script comes
// last on the page, so its handlers run after those of the widgets, which build the controls.

// The selector widget (filter_horizontal) names its search boxes with an aria-label on a
// <span>, which ARIA does not allow without a role: the icon is an image whose name is the box's.
function nameSelectorIcons (root) {
  for (const icon of root.querySelectorAll('.search-label-icon[aria-label]:not([role])')) {
    icon.setAttribute('role', 'img')
  }
}

// An autocomplete (select2) is named by its current choice only, which is empty at first, and
// its search box (for several choices) by nothing: name both after the field's label.
function nameAutocompletes (root) {
  for (const select of root.querySelectorAll('select.admin-autocomplete')) {
    const label = select.id && document.querySelector(`label[for="${select.id}"]`)
    const container = select.nextElementSibling
    if (!label || !container || !container.classList.contains('select2')) continue
    label.id ||= `${select.id}_label`
    // The box, and the choice shown in it, read "<label> <choice>".
    for (const box of container.querySelectorAll('[role="combobox"], [role="textbox"][id]')) {
      const labelledBy = box.getAttribute('aria-labelledby') || (box.id === '' ? '' : box.id)
      if (!labelledBy.split(' ').includes(label.id)) {
        box.setAttribute('aria-labelledby', `${label.id} ${labelledBy}`.trim())
      }
    }
    for (const search of container.querySelectorAll('.select2-search__field')) {
      search.setAttribute('aria-labelledby', label.id)
    }
  }
}

// import-export's "Select all" label points at an id its checkbox lacks.
function linkSelectAllLabel () {
  const toggle = document.querySelector('input.select-toggle:not([id])')
  if (toggle && document.querySelector('label[for="select-all-toggle"]')) {
    toggle.id = 'select-all-toggle'
  }
}

window.addEventListener('load', () => {
  nameSelectorIcons(document)
  linkSelectAllLabel()
  // select2 is built in a jQuery "ready" handler, which may run after "load"; a handler
  // registered now runs after it.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(() => nameAutocompletes(document))
  } else {
    nameAutocompletes(document)
  }
})
// A row added to an inline gets its widgets then.
document.addEventListener('formset:added', (event) => nameAutocompletes(event.target))
