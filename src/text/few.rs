//! A fixed-capacity list on the stack: the text reader keeps its
//! candidates here, so reading a text allocates nothing and stays bounded
//! whatever the input.

/// At most `N` items; pushes beyond are dropped.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Few<T: Copy + Default, const N: usize> {
    items: [T; N],
    len: usize,
}

impl<T: Copy + Default, const N: usize> Default for Few<T, N> {
    fn default() -> Self {
        Few {
            items: [T::default(); N],
            len: 0,
        }
    }
}

impl<T: Copy + Default, const N: usize> Few<T, N> {
    /// Adds an item; returns false (and drops it) when full.
    pub(crate) fn push(&mut self, item: T) -> bool {
        match self.items.get_mut(self.len) {
            Some(slot) => {
                *slot = item;
                self.len += 1;
                true
            }
            None => false,
        }
    }

    /// Whether no more fit.
    pub(crate) fn is_full(&self) -> bool {
        self.len == N
    }

    pub(crate) fn as_slice(&self) -> &[T] {
        &self.items[..self.len]
    }

    pub(crate) fn iter(&self) -> std::slice::Iter<'_, T> {
        self.as_slice().iter()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Keeps the items `keep` says yes to, in order.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        let mut kept = 0;
        for i in 0..self.len {
            if keep(&self.items[i]) {
                self.items[kept] = self.items[i];
                kept += 1;
            }
        }
        self.len = kept;
    }
}

#[cfg(test)]
mod tests {
    use super::Few;

    #[test]
    fn drops_what_does_not_fit() {
        let mut f: Few<u8, 2> = Few::default();
        assert!(f.is_empty());
        assert!(f.push(1) && f.push(2));
        assert!(f.is_full() && !f.push(3));
        assert_eq!(f.as_slice(), &[1, 2]);
        f.retain(|&x| x == 2);
        assert_eq!(f.as_slice(), &[2]);
        assert!(f.push(4));
    }
}
