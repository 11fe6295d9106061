export { DnsPage } from './DnsPage';
