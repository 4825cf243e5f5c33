extension Double {
    /// The number as written in messages: whole numbers without a fraction (`1`, not `1.0`).
    var messageText: String {
        if rounded() == self, abs(self) < 1e15 { return String(Int(self)) }
        return String(self)
    }
}
