// The GOV.UK/HMRC time-out warning. A file of its own, loaded by init.js: the Content-Security-
// Policy allows no inline script or style. Without a script the dialog never opens, and a form
// sent after the time-out is kept on the server for its author (msp/drafts).
const MINUTE = 60

function words (seconds) {
  if (seconds >= MINUTE) {
    const minutes = Math.ceil(seconds / MINUTE)
    return minutes === 1 ? '1 minute' : `${minutes} minutes`
  }
  return seconds === 1 ? '1 second' : `${seconds} seconds`
}

export function initTimeout (dialog) {
  if (!dialog || typeof dialog.showModal !== 'function') return
  const idle = Number(dialog.dataset.idleSeconds)
  const warning = Number(dialog.dataset.warningSeconds)
  if (!(idle > 0) || !(warning > 0)) return
  const countdown = dialog.querySelector('.msp-timeout__countdown')
  const form = dialog.querySelector('.msp-timeout__form')
  const stay = dialog.querySelector('.msp-timeout__stay')
  const ended = dialog.querySelector('.msp-timeout__ended')
  const after = dialog.querySelector('.msp-timeout__after')
  const text = dialog.querySelector('#msp-timeout-text')
  const title = dialog.querySelector('#msp-timeout-title')
  let deadline = 0
  let warnTimer = 0
  let tick = 0

  function start () {
    clearTimeout(warnTimer)
    clearInterval(tick)
    deadline = Date.now() + idle * 1000
    warnTimer = setTimeout(warn, (idle - warning) * 1000)
  }

  function remaining () {
    return Math.max(0, Math.round((deadline - Date.now()) / 1000))
  }

  function warn () {
    countdown.textContent = words(remaining())
    if (!dialog.open) dialog.showModal()
    stay.focus()
    tick = setInterval(() => {
      const left = remaining()
      if (left <= 0) {
        signedOut()
        return
      }
      // Screen readers hear the text when the dialog opens; the figure changes quietly after.
      countdown.textContent = words(left)
    }, 1000)
  }

  function signedOut () {
    clearInterval(tick)
    title.textContent = 'You have been signed out'
    text.hidden = true
    form.hidden = true
    ended.hidden = false
    after.hidden = false
    dialog.setAttribute('aria-describedby', 'msp-timeout-ended')
    after.querySelector('.msp-timeout__close').focus()
  }

  form.addEventListener('submit', (event) => {
    if (event.submitter && event.submitter !== stay) return // Sign out goes ahead as a form.
    event.preventDefault()
    fetch(form.action, {
      method: 'POST',
      body: new FormData(form),
      headers: { 'X-Requested-With': 'msp-timeout' },
      credentials: 'same-origin',
      redirect: 'manual'
    }).then((response) => {
      if (response.status === 204) {
        dialog.close()
        start()
      } else {
        signedOut()
      }
    }, signedOut)
  })

  // Escape means "stay signed in", as in the HMRC pattern, while there is still time.
  dialog.addEventListener('cancel', (event) => {
    if (!form.hidden) {
      event.preventDefault()
      form.requestSubmit(stay)
    }
  })
  after.querySelector('.msp-timeout__close').addEventListener('click', () => dialog.close())
  start()
}
