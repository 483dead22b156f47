// Popup entry: renders the popup app.
import { render } from 'preact';
import { PopupApp } from './PopupApp';

render(<PopupApp />, document.getElementById('app')!);
