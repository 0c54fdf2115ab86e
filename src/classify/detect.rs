//! Which vendor sent a body, from the fields its envelope has.

use super::envelope::Envelope;
use crate::Vendor;

impl Envelope<'_> {
    pub(crate) fn detect(&self) -> Option<Vendor> {
        if self.err_code.is_some() {
            Some(Vendor::OpenIm)
        } else if self.action_status.0.is_some() || self.tencent_code.is_some() {
            Some(Vendor::Tencent)
        } else if self.cmd.0.is_some() {
            Some(Vendor::LeanCloud)
        } else if self.error_description.0.is_some()
            || self.exception.0.is_some()
            || self.error_code.is_some()
            || (self.error.0.is_some() && (self.timestamp.is_some() || self.duration.is_some()))
        {
            Some(Vendor::Easemob)
        } else if self.code.is_some() {
            Some(Vendor::LeanCloud)
        } else if self.error.0.is_some() {
            Some(Vendor::Easemob)
        } else {
            None
        }
    }
}
