//! Reading a response body up to [`MAX_BODY`](crate::MAX_BODY) to classify
//! it, and handing on a body equivalent to the one read: the buffered bytes,
//! then whatever was not read, the trailers, and the error the upstream body
//! failed with, in the order they came. Shared by the `reqwest-middleware`
//! middleware and the `tower` layer.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Buf, Bytes, BytesMut};
use http::HeaderMap;
use http_body::{Body, Frame, SizeHint};
use http_body_util::BodyExt;

use crate::MAX_BODY;

/// What reading a body up to [`MAX_BODY`] found.
pub(crate) enum Read<B: Body> {
    /// The whole body, and its trailers.
    Complete {
        data: Bytes,
        trailers: Option<HeaderMap>,
    },
    /// More than [`MAX_BODY`] bytes: what was read, and the rest, unread.
    Overflow { head: Bytes, rest: Pin<Box<B>> },
    /// The body failed after `head` (a connection reset or a timeout in the
    /// middle of the body).
    Failed { head: Bytes, error: B::Error },
}

impl<B: Body> Read<B> {
    /// The bytes read: the whole body, or its start.
    pub(crate) fn bytes(&self) -> &[u8] {
        match self {
            Read::Complete { data, .. } => data,
            Read::Overflow { head, .. } | Read::Failed { head, .. } => head,
        }
    }
}

/// Reads `body` until its end, an error, or more than [`MAX_BODY`] bytes.
pub(crate) async fn read<B>(body: B) -> Read<B>
where
    B: Body,
    B::Data: Buf,
{
    let mut body = Box::pin(body);
    let mut chunks = Chunks::default();
    let mut trailers: Option<HeaderMap> = None;
    loop {
        match body.frame().await {
            None => {
                return Read::Complete {
                    data: chunks.into_bytes(),
                    trailers,
                };
            }
            Some(Err(error)) => {
                return Read::Failed {
                    head: chunks.into_bytes(),
                    error,
                };
            }
            Some(Ok(frame)) => match frame.into_data() {
                Ok(mut data) => {
                    chunks.push(data.copy_to_bytes(data.remaining()));
                    if chunks.len > MAX_BODY {
                        return Read::Overflow {
                            head: chunks.into_bytes(),
                            rest: body,
                        };
                    }
                }
                Err(frame) => {
                    if let Ok(t) = frame.into_trailers() {
                        match trailers.as_mut() {
                            Some(all) => all.extend(t),
                            None => trailers = Some(t),
                        }
                    }
                }
            },
        }
    }
}

/// The chunks read so far: one chunk is kept as it came, several are joined.
#[derive(Default)]
struct Chunks {
    first: Option<Bytes>,
    joined: Option<BytesMut>,
    len: usize,
}

impl Chunks {
    fn push(&mut self, chunk: Bytes) {
        if chunk.is_empty() {
            return;
        }
        self.len += chunk.len();
        match (&mut self.joined, self.first.take()) {
            (Some(joined), _) => joined.extend_from_slice(&chunk),
            (None, None) => self.first = Some(chunk),
            (None, Some(first)) => {
                let mut joined = BytesMut::with_capacity(first.len() + chunk.len());
                joined.extend_from_slice(&first);
                joined.extend_from_slice(&chunk);
                self.joined = Some(joined);
            }
        }
    }

    fn into_bytes(self) -> Bytes {
        match (self.joined, self.first) {
            (Some(joined), _) => joined.freeze(),
            (None, Some(first)) => first,
            (None, None) => Bytes::new(),
        }
    }
}

/// A response body handed on after its start was read to classify it: the
/// bytes read, then the unread rest (for bodies over
/// [`MAX_BODY`](crate::MAX_BODY)), the trailers, and the error the upstream
/// body failed with, if it did. The client reads what it would have read
/// from the upstream, chunked differently.
pub struct BufferedBody<B: Body> {
    head: Option<Bytes>,
    rest: Option<Pin<Box<B>>>,
    trailers: Option<HeaderMap>,
    error: Option<B::Error>,
}

// No field is ever pinned in place: the rest is boxed, the error only moved.
impl<B: Body> Unpin for BufferedBody<B> {}

impl<B: Body> std::fmt::Debug for BufferedBody<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BufferedBody")
            .field("buffered", &self.head.as_ref().map_or(0, Bytes::len))
            .field("rest", &self.rest.is_some())
            .field("trailers", &self.trailers.is_some())
            .field("error", &self.error.is_some())
            .finish()
    }
}

impl<B: Body> BufferedBody<B> {
    /// The body equivalent to the one `read` consumed.
    pub(crate) fn new(read: Read<B>) -> Self {
        let (head, rest, trailers, error) = match read {
            Read::Complete { data, trailers } => (data, None, trailers, None),
            Read::Overflow { head, rest } => (head, Some(rest), None, None),
            Read::Failed { head, error } => (head, None, None, Some(error)),
        };
        BufferedBody {
            head: (!head.is_empty()).then_some(head),
            rest,
            trailers,
            error,
        }
    }
}

impl<B> Body for BufferedBody<B>
where
    B: Body,
    B::Data: Buf,
{
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, B::Error>>> {
        let this = self.get_mut();
        if let Some(head) = this.head.take() {
            return Poll::Ready(Some(Ok(Frame::data(head))));
        }
        if let Some(rest) = this.rest.as_mut() {
            match rest.as_mut().poll_frame(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(frame)) => {
                    return Poll::Ready(Some(
                        frame.map(|f| f.map_data(|mut d| d.copy_to_bytes(d.remaining()))),
                    ));
                }
                Poll::Ready(None) => this.rest = None,
            }
        }
        if let Some(trailers) = this.trailers.take() {
            return Poll::Ready(Some(Ok(Frame::trailers(trailers))));
        }
        Poll::Ready(this.error.take().map(Err))
    }

    fn is_end_stream(&self) -> bool {
        self.head.is_none()
            && self.rest.is_none()
            && self.trailers.is_none()
            && self.error.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        let head = self.head.as_ref().map_or(0, |h| h.len() as u64);
        match &self.rest {
            Some(rest) => {
                let hint = rest.size_hint();
                let mut sum = SizeHint::new();
                sum.set_lower(hint.lower().saturating_add(head));
                if let Some(upper) = hint.upper() {
                    sum.set_upper(upper.saturating_add(head));
                }
                sum
            }
            None if self.error.is_some() => {
                let mut hint = SizeHint::new();
                hint.set_lower(head);
                hint
            }
            None => SizeHint::with_exact(head),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::{BodyExt, Full};

    fn block_on<F: std::future::Future>(fut: F) -> F::Output {
        use std::sync::Arc;
        use std::task::Wake;
        struct Noop;
        impl Wake for Noop {
            fn wake(self: Arc<Self>) {}
        }
        let waker = std::task::Waker::from(Arc::new(Noop));
        let mut cx = Context::from_waker(&waker);
        let mut fut = std::pin::pin!(fut);
        loop {
            if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
                return out;
            }
        }
    }

    type Chunk = Result<Frame<Bytes>, std::io::Error>;

    /// A body that yields the given frames, one per poll.
    struct Frames(std::collections::VecDeque<Chunk>);

    impl Body for Frames {
        type Data = Bytes;
        type Error = std::io::Error;
        fn poll_frame(
            self: Pin<&mut Self>,
            _: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
            Poll::Ready(self.get_mut().0.pop_front())
        }
    }

    fn stream(chunks: Vec<Chunk>) -> Frames {
        Frames(chunks.into())
    }

    #[test]
    fn complete_bodies_are_replayed() {
        let read = block_on(super::read(Full::new(Bytes::from_static(
            b"{\"errCode\":0}",
        ))));
        let Read::Complete { data, trailers } = &read else {
            panic!("not complete")
        };
        assert_eq!(&data[..], b"{\"errCode\":0}");
        assert!(trailers.is_none());
        let body = BufferedBody::new(read);
        assert_eq!(body.size_hint().exact(), Some(13));
        let out = block_on(body.collect()).unwrap().to_bytes();
        assert_eq!(&out[..], b"{\"errCode\":0}");
    }

    #[test]
    fn chunks_trailers_and_errors_come_back_in_order() {
        let mut trailers = HeaderMap::new();
        trailers.insert("grpc-status", "0".parse().unwrap());
        let body = stream(vec![
            Ok(Frame::data(Bytes::from_static(b"ab"))),
            Ok(Frame::data(Bytes::from_static(b"cd"))),
            Ok(Frame::trailers(trailers.clone())),
        ]);
        let read = block_on(super::read(body));
        let collected = block_on(BufferedBody::new(read).collect()).unwrap();
        assert_eq!(collected.trailers(), Some(&trailers));
        assert_eq!(&collected.to_bytes()[..], b"abcd");

        let broken = stream(vec![
            Ok(Frame::data(Bytes::from_static(b"{\"err"))),
            Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "reset",
            )),
        ]);
        let read = block_on(super::read(broken));
        assert!(matches!(&read, Read::Failed { head, .. } if &head[..] == b"{\"err"));
        let mut body = BufferedBody::new(read);
        let first = block_on(body.frame()).unwrap().unwrap();
        assert_eq!(first.into_data().unwrap(), Bytes::from_static(b"{\"err"));
        let err = block_on(body.frame()).unwrap().unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::ConnectionReset);
        assert!(block_on(body.frame()).is_none());
    }

    #[test]
    fn bodies_over_the_limit_are_handed_on_whole() {
        let big = vec![b'x'; MAX_BODY];
        let body = stream(vec![
            Ok(Frame::data(Bytes::from(big.clone()))),
            Ok(Frame::data(Bytes::from_static(b"yz"))),
            Ok(Frame::data(Bytes::from_static(b"!"))),
        ]);
        let read = block_on(super::read(body));
        assert!(matches!(&read, Read::Overflow { head, .. } if head.len() == MAX_BODY + 2));
        let out = block_on(BufferedBody::new(read).collect())
            .unwrap()
            .to_bytes();
        assert_eq!(out.len(), MAX_BODY + 3);
        assert!(out.ends_with(b"yz!"));
    }
}
