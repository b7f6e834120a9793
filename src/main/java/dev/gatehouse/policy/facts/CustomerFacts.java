package dev.gatehouse.policy.facts;

import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.compliance.kyc.VerificationStatus;

/**
 * What a policy decision knows of a customer, from the accounts and KYC stores.
 *
 * @param country     the customer's country (ISO 3166-1 alpha-2) as on the customer record
 * @param kyc         the latest verification step; {@code unverified} when there is none
 * @param prcResident the CIP record marks the customer resident in the People's Republic of China
 *                    (false while no CIP record exists)
 * @param foreign     the CIP record marks the customer a foreign (non-US) person (false while none exists)
 * @param screening   the open or decided screening cases, summarised
 */
public record CustomerFacts(String customerId, CustomerKind kind, String country, CustomerStatus status,
                            VerificationStatus kyc, boolean prcResident, boolean foreign, ScreeningState screening) {
}
