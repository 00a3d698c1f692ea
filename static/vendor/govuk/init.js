// Initialise GOV.UK Frontend components. Load with:
//   <script type="module" src="{% static 'vendor/govuk/init.js' %}"></script>
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('govuk-frontend-supported')
initAll()
