// Sign-in page of the dashboard (the same auth API as the storefront).
import { h, field, formValues, formAlert, showFieldErrors, clearFieldErrors, busy } from '../shared/dom.js';
import { login, logout } from '../shared/api.js';

export function renderSignIn({ me, onSignedIn }) {
  const alert = formAlert();
  const submit = h('button', { class: 'btn btn-primary btn-block', type: 'submit' }, 'Sign in');
  const form = h('form', { class: 'form signin-form', novalidate: true },
    alert,
    field({ label: 'Email', name: 'email', type: 'email', required: true, autocomplete: 'username' }),
    field({ label: 'Password', name: 'password', type: 'password', required: true, autocomplete: 'current-password' }),
    submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const { email, password } = formValues(form);
    const missing = {};
    if (!email) missing.email = 'Enter your email address.';
    if (!password) missing.password = 'Enter your password.';
    if (Object.keys(missing).length) {
      showFieldErrors(form, { fields: missing });
      return;
    }
    await busy(submit, async () => {
      try {
        const signedIn = await login(email, password);
        if (!signedIn || !['admin', 'seller'].includes(signedIn.role)) {
          await logout();
          showFieldErrors(form, { message: 'This account has no access to the dashboard. Sign in with a seller or admin account.' });
          return;
        }
        onSignedIn(signedIn);
      } catch (e) {
        if (e.code === 'invalid_credentials') {
          showFieldErrors(form, { message: 'The email or password is not right.' });
        } else if (e.status === 429) {
          showFieldErrors(form, { message: 'Too many attempts. Wait a minute and try again.' });
        } else {
          showFieldErrors(form, e);
        }
      }
    }, 'Signing in…');
  });

  const note = me && !['admin', 'seller'].includes(me.role)
    ? h('p', { class: 'notice notice-warning' }, `You are signed in as ${me.email}, which is a customer account. Sign in with a seller or admin account to use the dashboard.`)
    : null;

  return h('div', { class: 'signin-page' },
    h('main', { id: 'main', class: 'signin-card card' },
      h('p', { class: 'admin-brand' }, 'Emporium ', h('span', { class: 'admin-brand-tag' }, 'admin')),
      h('h1', null, 'Sign in to the dashboard'),
      h('p', { class: 'muted' }, 'For sellers and administrators.'),
      note,
      form,
      h('p', { class: 'muted signin-foot' }, h('a', { href: '/' }, 'Back to the storefront'))));
}
