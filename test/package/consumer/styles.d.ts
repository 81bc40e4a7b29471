// Stylesheet imports, as an app's bundler types them (Vite's client types declare the same).
declare module '*.css';
