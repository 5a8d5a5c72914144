// Loaded as a module from the page, so no inline script is needed (strict Content-Security-Policy).
import { initAll } from '/static/govuk/govuk-frontend.min.js'
import { initTimeout } from '/static/msp/timeout.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
initTimeout(document.getElementById('msp-timeout'))
