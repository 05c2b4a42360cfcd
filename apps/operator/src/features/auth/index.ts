export { authKeys, meQuery, useMe, useSignIn, useSignOut } from './api/auth';
export { SignInPage } from './routes/sign-in-page';
