// Filters that a phone shows closed (so that results come first) sit beside the results on a
// wide screen: open them there. The breakpoint is GOV.UK Frontend's "tablet".
const wide = window.matchMedia('(min-width: 40.0625em)')
if (wide.matches) {
  for (const details of document.querySelectorAll('details[data-open-on-wide-screens]')) {
    details.open = true
  }
}
